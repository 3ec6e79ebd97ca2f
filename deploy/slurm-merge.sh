#!/bin/bash
# Merge every shard-K.db of $OUT into $OUT/ndoscope.db; run after the array
# job (sbatch --dependency=afterok:JOBID). Only changed shards are merged
# again. See README.md.
#SBATCH --job-name=ndoscope-merge
#SBATCH --cpus-per-task=1
#SBATCH --mem=2G
#SBATCH --time=01:00:00
set -eu
OUT=${OUT:-/data/index}
NDOSCOPE=${NDOSCOPE:-ndoscope}
shopt -s nullglob
shards=("$OUT"/shard-*.db)
[ ${#shards[@]} -gt 0 ] || { echo "slurm-merge: no shard in $OUT" >&2; exit 1; }
"$NDOSCOPE" merge "$OUT/ndoscope.db" "${shards[@]}"

#!/bin/bash
# One shard of the index: K is the array task id (sbatch --array=0-(N-1)),
# N the array's size. See README.md.
#SBATCH --job-name=ndoscope-index
#SBATCH --cpus-per-task=1
#SBATCH --mem=2G
#SBATCH --time=02:00:00
set -eu
TREE=${TREE:-/data/linux}
OUT=${OUT:-/data/index}
WHAT=${WHAT:-net drivers/net}
NDOSCOPE=${NDOSCOPE:-ndoscope}
K=${SLURM_ARRAY_TASK_ID:?submit with sbatch --array=0-N}
N=${SLURM_ARRAY_TASK_COUNT:?submit with sbatch --array=0-N}
mkdir -p "$OUT"
# exit 1 means some TU failed to parse at all: still a usable shard
"$NDOSCOPE" --db "$OUT/shard-$K.db" index -C "$TREE" -j "${SLURM_CPUS_PER_TASK:-1}" \
	--shard "$K/$N" $WHAT || [ $? = 1 ]

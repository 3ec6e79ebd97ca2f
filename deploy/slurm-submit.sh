#!/bin/bash
# slurm-submit.sh N: index in N shards, then merge once they all succeed.
set -eu
N=${1:?usage: slurm-submit.sh N}
HERE=$(cd "$(dirname "$0")" && pwd)
jid=$(sbatch --parsable --array=0-$((N - 1)) "$HERE/slurm-index.sh")
sbatch --dependency=afterok:"${jid%%;*}" "$HERE/slurm-merge.sh"

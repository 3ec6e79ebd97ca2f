# Sourced by bench/run, bench/queries and bench/subsystem.
#
# median N...: the median of the numbers given, the mean of the middle two
# for an even count.
median() {
	printf '%s\n' "$@" | sort -g |
		awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'
}

# size_mib FILE...: the size of the FILEs that exist, in MiB with one
# decimal. An index at rest has no -wal file (db.c leaves it in rollback
# mode); one a reader keeps in WAL mode has one, and it counts.
size_mib() {
	local f bytes=0

	for f; do
		if [ -f "$f" ]; then
			bytes=$((bytes + $(stat -c %s "$f")))
		fi
	done
	awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }'
}

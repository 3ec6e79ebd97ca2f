// SPDX-License-Identifier: GPL-2.0
/*
 * ndoscope merge OUT.db SHARD.db...: shard indexes made by
 * 'index --shard K/N' into one index, as if one run had made it. Shards
 * whose content did not change since they were last merged are skipped.
 */
#include <getopt.h>
#include <stdio.h>

#include "base/compact.h"
#include "base/db.h"
#include "base/error.h"
#include "base/util.h"
#include "merge/merge.h"
#include "ndoscope.h"

static const char usage[] = "ndoscope merge OUT.db SHARD.db...";

int cmd_merge(int argc, char **argv, const struct global *g)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int64_t t0 = now_ms();
	int c, merged = 0, unchanged = 0, rc = 0;
	struct db out;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'h':
			printf("usage: %s\n", usage);
			return 0;
		default:
			return usage_error(usage, NULL);
		}
	}
	if (argc - optind < 2)
		return usage_error(usage, "merge takes the output index and at least one shard");
	if (db_open(&out, argv[optind], DB_WRITE))
		return -1;
	if (compact_spans_check(&out))
		rc = -1;
	for (int i = optind + 1; !rc && i < argc; i++) {
		bool changed;

		if (merge_shard(&out, argv[i], &changed)) {
			rc = -1;
			break;
		}
		if (changed)
			merged++;
		else
			unchanged++;
	}
	if (!rc)
		rc = compact_index(&out, 0, merged);
	if (!rc)
		printf("merged %d, unchanged %d in %.1fs\n", merged, unchanged,
		       (now_ms() - t0) / 1000.0);
	db_close(&out);
	return rc;
}

-- ndoscope merge: an index made of shard indexes ('index --shard K/N' into
-- one DB each, then 'merge OUT.db SHARD.db...'). Each shard is remembered
-- with a stamp of its content, so that merging again replaces only the
-- shards whose stamp changed, and with the TUs it brought.

CREATE TABLE merge_shard (
	id		INTEGER PRIMARY KEY,
	name		TEXT NOT NULL UNIQUE,	-- its meta 'shard' (K/N), else its path
	stamp		TEXT NOT NULL,		-- of its TUs, their files and units
	path		TEXT NOT NULL,		-- where it was last merged from
	merged_at	INTEGER NOT NULL	-- unix time
);

CREATE TABLE merge_tu (
	tu_id		INTEGER PRIMARY KEY,
	shard_id	INTEGER NOT NULL
);
CREATE INDEX merge_tu_by_shard ON merge_tu(shard_id);

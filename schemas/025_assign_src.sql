-- ndoscope schema, migration 025: an assignment that copies one
-- function-pointer field into another names the field it reads.
-- 2.6.35's neighbour layer sets hh->hh_output = n->ops->hh_output, and
-- ip_finish_output2() calls through hh_cache.hh_output: the functions bound
-- to neigh_ops.hh_output (dev_queue_xmit, in arp_hh_ops) are what that call
-- reaches. src is the field read, as STRUCT.FIELD, like call.via; NULL for
-- any other right-hand side. The walker fills it from WALKER_VERSION 7 on,
-- which makes the next index run walk every TU again.
ALTER TABLE assign ADD COLUMN src TEXT;

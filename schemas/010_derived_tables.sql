-- ndoscope schema, migration 010: drop_site and handoff_edge stop being
-- views. SQLite parses every view of the schema each time a command opens
-- the index, and these two were a third of what that costs a query (0.8 M
-- of the 2.4 M instructions the views took, on the bench index), for rows
-- that only reports, graph and the edge table read. drop_site becomes a
-- table with the same columns, derived after each index run and merge with
-- handoff and edge (tool/sql/store.sql, derive); handoff_edge is folded
-- into that derivation.
DROP VIEW drop_site;
CREATE TABLE drop_site (
	func_id		INTEGER NOT NULL,	-- the function that drops (sym id)
	kind		TEXT NOT NULL,		-- free, return, counter or stop
	what		TEXT NOT NULL,		-- the call, macro, return value or counter
	callee		TEXT,			-- the function called, for free, counter and stop
	file_id		INTEGER NOT NULL,
	line		INTEGER NOT NULL,
	guard		TEXT			-- the if-conditions around it
);
CREATE INDEX drop_site_by_func ON drop_site(func_id);
DROP VIEW handoff_edge;

-- ndoscope schema, migration 018: no index of ref by file. Its one reader
-- was the source browser, which wants a file's references; those are the
-- rows of the file's own units (tu:PATH, hdr:PATH#..., fn:PATH#...), and
-- unit_span gives each unit's rowids in ref (015). The index was 6% of an
-- index (2.3 of 37.3 MiB on bench/'s corpus, 6.7 of 103 MiB on the
-- net and drivers/net subsystem). A query of refs by file in the sqlite3
-- shell now reads the table.
DROP INDEX ref_by_file;

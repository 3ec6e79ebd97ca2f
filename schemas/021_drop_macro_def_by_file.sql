-- ndoscope schema, migration 021: no index of macro_def by file. Its one
-- reader was the source browser, which wants a file's #defines: like its
-- references (018), those are the rows of the file's own units (tu:PATH,
-- hdr:PATH#..., fn:PATH#...), found by their spans (015). The index was
-- 0.4 of 31.0 MiB on bench/queries' corpus.
DROP INDEX macro_def_by_file;

-- ndoscope schema, migration 011: the source browser's tokens are stored
-- compressed. file_lex.tokens was a tenth of the index (6.2 MB of varints
-- on the bench index, 1.3 MB once deflated). A row with raw_size set holds
-- the varints deflated with zlib (RFC 1950), raw_size bytes once inflated.
-- A row with raw_size NULL holds the varints as they are: rows written
-- before this migration, and files of so few tokens that deflating them
-- does not make them smaller.
ALTER TABLE file_lex ADD COLUMN raw_size INTEGER;

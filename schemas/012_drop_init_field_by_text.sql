-- ndoscope schema, migration 012: init_field_by_text goes. It was 1.8 MB of
-- the bench index (3.4%), to find the sysctl table element whose .data is
-- one expression (report.sql, sysctl_of): a lookup a report makes a few
-- times, which a scan of init_field answers in about a millisecond there.
DROP INDEX init_field_by_text;

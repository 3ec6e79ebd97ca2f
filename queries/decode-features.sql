-- Decode a netdev_features_t value into NETIF_F_* names with the kernel's comments
-- :value  the features value, as an integer (required)
SELECT name, bit, doc
FROM flags
WHERE name LIKE 'NETIF\_F\_%' ESCAPE '\' AND bit IS NOT NULL AND (CAST(:value AS INTEGER) >> bit) & 1
ORDER BY bit;

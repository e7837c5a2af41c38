-- The side of a channel (taliban | iskp), from CHANNELS (name:lang:side) or `import --side`.
-- Posts keep the side they were tagged with: a side stands in for a missing actor reference, so a
-- later change of the channel's side changes nothing already stored until `framewatch reclassify`
-- is asked to use it.
ALTER TABLE channels ADD COLUMN side TEXT CHECK (side IS NULL OR side IN ('taliban', 'iskp'));
ALTER TABLE posts ADD COLUMN side TEXT CHECK (side IS NULL OR side IN ('taliban', 'iskp'));

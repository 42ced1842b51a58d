-- The counter rows are updated in place by nearly every registration and verification statement: room on
-- each page lets those updates stay HOT (no index entry, no page split), so the table does not bloat.
alter table monitoring_unit set (fillfactor = 50);
alter table monitoring_flow set (fillfactor = 70);

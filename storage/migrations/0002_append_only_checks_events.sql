-- checks and events are the archive's evidence: once written they are never rewritten or deleted.
CREATE TRIGGER `checks_no_update` BEFORE UPDATE ON `checks`
BEGIN SELECT RAISE(ABORT, 'checks are append-only: a check is never rewritten'); END;
--> statement-breakpoint
CREATE TRIGGER `checks_no_delete` BEFORE DELETE ON `checks`
BEGIN SELECT RAISE(ABORT, 'checks are append-only: a check is never deleted'); END;
--> statement-breakpoint
CREATE TRIGGER `events_no_update` BEFORE UPDATE ON `events`
BEGIN SELECT RAISE(ABORT, 'events are append-only: an event is never rewritten'); END;
--> statement-breakpoint
CREATE TRIGGER `events_no_delete` BEFORE DELETE ON `events`
BEGIN SELECT RAISE(ABORT, 'events are append-only: an event is never deleted'); END;

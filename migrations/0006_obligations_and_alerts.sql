-- Issue 15: due dates (obligations), alert conditions, their events and deliveries, alert settings,
-- poll health, and the watch's position in the documents it has read. docs/storage.md describes them.
ALTER TABLE `partners` ADD `sla` text DEFAULT '{}' NOT NULL;
--> statement-breakpoint
CREATE TABLE `obligations` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`partner_id` text NOT NULL,
	`kind` text NOT NULL,
	`subject` text NOT NULL,
	`order_key` text NOT NULL,
	`source_document_id` text NOT NULL,
	`starts_at` integer NOT NULL,
	`warn_at` integer NOT NULL,
	`due_at` integer NOT NULL,
	`state` text NOT NULL,
	`next_check_at` integer,
	`satisfied_by` text,
	`satisfied_at` integer,
	`lateness_ms` integer,
	`was_at_risk` integer DEFAULT 0 NOT NULL,
	`fee` real,
	`waived_by` text,
	`waived_reason` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `obligations_key_idx` ON `obligations` (`tenant_id`,`kind`,`partner_id`,`subject`);
--> statement-breakpoint
CREATE INDEX `obligations_next_check_idx` ON `obligations` (`next_check_at`) WHERE `next_check_at` IS NOT NULL;
--> statement-breakpoint
CREATE INDEX `obligations_order_idx` ON `obligations` (`tenant_id`,`partner_id`,`order_key`);
--> statement-breakpoint
CREATE TABLE `alert_settings` (
	`tenant_id` text PRIMARY KEY NOT NULL,
	`settings` text NOT NULL,
	`secrets` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `alert_conditions` (
	`tenant_id` text NOT NULL,
	`key` text NOT NULL,
	`type` text NOT NULL,
	`severity` text NOT NULL,
	`state` text NOT NULL,
	`partner_id` text,
	`document_id` text,
	`subject` text,
	`message` text NOT NULL,
	`occurrences` integer DEFAULT 1 NOT NULL,
	`opened_at` integer NOT NULL,
	`resolved_at` integer,
	`alert_id` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `key`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `alert_conditions_open_idx` ON `alert_conditions` (`state`) WHERE `state` = 'open';
--> statement-breakpoint
CREATE TABLE `alert_events` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`condition_key` text NOT NULL,
	`kind` text NOT NULL,
	`type` text NOT NULL,
	`severity` text NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	`dispatched_at` integer,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `alert_events_pending_idx` ON `alert_events` (`created_at`) WHERE `dispatched_at` IS NULL;
--> statement-breakpoint
CREATE INDEX `alert_events_tenant_idx` ON `alert_events` (`tenant_id`,`created_at`);
--> statement-breakpoint
CREATE TABLE `alert_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`channel` text NOT NULL,
	`event_ids` text NOT NULL,
	`digest` integer DEFAULT 0 NOT NULL,
	`body` text NOT NULL,
	`state` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer,
	`last_status` integer,
	`last_error` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `alert_deliveries_due_idx` ON `alert_deliveries` (`next_attempt_at`) WHERE `next_attempt_at` IS NOT NULL;
--> statement-breakpoint
CREATE INDEX `alert_deliveries_tenant_idx` ON `alert_deliveries` (`tenant_id`,`created_at`);
--> statement-breakpoint
CREATE TABLE `poll_health` (
	`tenant_id` text NOT NULL,
	`stream` text NOT NULL,
	`last_success_at` integer,
	`last_failure_at` integer,
	`consecutive_failures` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`auth_refused` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`tenant_id`, `stream`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `watch_state` (
	`key` text PRIMARY KEY NOT NULL,
	`value` integer NOT NULL
);

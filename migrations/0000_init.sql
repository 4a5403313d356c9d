CREATE TABLE `audit_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` text NOT NULL,
	`document_id` text NOT NULL,
	`at` integer NOT NULL,
	`stage` text NOT NULL,
	`outcome` text NOT NULL,
	`status` text,
	`actor` text DEFAULT 'system' NOT NULL,
	`detail` text
);
--> statement-breakpoint
CREATE INDEX `audit_document_idx` ON `audit_events` (`tenant_id`,`document_id`,`id`);--> statement-breakpoint
CREATE TABLE `connections` (
	`tenant_id` text NOT NULL,
	`system` text NOT NULL,
	`settings` text NOT NULL,
	`secrets` text NOT NULL,
	`secret_fields` text DEFAULT '[]' NOT NULL,
	`status` text DEFAULT 'unknown' NOT NULL,
	`status_message` text,
	`checked_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`tenant_id`, `system`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `cursors` (
	`tenant_id` text NOT NULL,
	`stream` text NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`tenant_id`, `stream`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `documents` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`direction` text NOT NULL,
	`type` text NOT NULL,
	`partner_id` text DEFAULT '' NOT NULL,
	`natural_key` text NOT NULL,
	`status` text NOT NULL,
	`status_detail` text,
	`erp_reference` text,
	`sps_path` text,
	`content_hash` text,
	`raw_format` text,
	`raw_size` integer,
	`raw` blob,
	`meta` text DEFAULT '{}' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `documents_natural_key_idx` ON `documents` (`tenant_id`,`type`,`partner_id`,`natural_key`);--> statement-breakpoint
CREATE INDEX `documents_tenant_status_idx` ON `documents` (`tenant_id`,`status`);--> statement-breakpoint
CREATE INDEX `documents_tenant_id_idx` ON `documents` (`tenant_id`,`id`);--> statement-breakpoint
CREATE TABLE `items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` text NOT NULL,
	`partner_id` text DEFAULT '*' NOT NULL,
	`legal_entity` text DEFAULT '*' NOT NULL,
	`kind` text NOT NULL,
	`value` text NOT NULL,
	`erp_item_id` text NOT NULL,
	`uom` text,
	`uom_factor` integer,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `items_key_idx` ON `items` (`tenant_id`,`partner_id`,`legal_entity`,`kind`,`value`);--> statement-breakpoint
CREATE TABLE `partners` (
	`tenant_id` text NOT NULL,
	`partner_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`customer_location_id` text,
	`legal_entity` text,
	`status` text DEFAULT 'testing' NOT NULL,
	`rules` text DEFAULT '{}' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`tenant_id`, `partner_id`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `tenants` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`erp` text NOT NULL,
	`poll_interval_minutes` integer DEFAULT 5 NOT NULL,
	`document_format` text DEFAULT 'xml' NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`settings` text DEFAULT '{}' NOT NULL,
	`next_poll_at` integer DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `tenants_due_idx` ON `tenants` (`status`,`next_poll_at`);
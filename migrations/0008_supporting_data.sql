-- Issue 16: supporting data. Retailer location codes → the tenant's names for them, and the activity
-- rows read from inbound 846 inventory advice and 852 product activity reports (one row per partner,
-- location, item, period and measure). docs/storage.md describes them.
CREATE TABLE `locations` (
	`tenant_id` text NOT NULL,
	`partner_id` text NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `partner_id`, `code`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `activity` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tenant_id` text NOT NULL,
	`partner_id` text NOT NULL,
	`document_id` text NOT NULL,
	`location_code` text NOT NULL,
	`item_code` text NOT NULL,
	`erp_item_id` text,
	`period_start` text NOT NULL,
	`period_end` text NOT NULL,
	`measure` text NOT NULL,
	`quantity` real NOT NULL,
	`uom` text,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `activity_key_idx` ON `activity` (`tenant_id`,`partner_id`,`location_code`,`item_code`,`period_start`,`period_end`,`measure`);
--> statement-breakpoint
CREATE INDEX `activity_item_idx` ON `activity` (`tenant_id`,`erp_item_id`,`period_start`);
--> statement-breakpoint
CREATE INDEX `activity_document_idx` ON `activity` (`tenant_id`,`document_id`);
--> statement-breakpoint
CREATE INDEX `activity_unmapped_idx` ON `activity` (`tenant_id`,`partner_id`,`item_code`) WHERE `erp_item_id` IS NULL;

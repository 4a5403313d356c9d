PRAGMA defer_foreign_keys = true;--> statement-breakpoint
CREATE TABLE `__new_order_links` (
	`tenant_id` text NOT NULL,
	`order_type` text DEFAULT '' NOT NULL,
	`erp_order_nbr` text NOT NULL,
	`document_id` text NOT NULL,
	`order_key` text NOT NULL,
	`partner_id` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`tenant_id`, `order_type`, `erp_order_nbr`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `__new_order_links`("tenant_id", "order_type", "erp_order_nbr", "document_id", "order_key", "partner_id", "created_at") SELECT "tenant_id", '', "erp_order_nbr", "document_id", "order_key", "partner_id", "created_at" FROM `order_links`;--> statement-breakpoint
DROP TABLE `order_links`;--> statement-breakpoint
ALTER TABLE `__new_order_links` RENAME TO `order_links`;--> statement-breakpoint
PRAGMA defer_foreign_keys = false;
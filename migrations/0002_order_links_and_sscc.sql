CREATE TABLE `order_links` (
	`tenant_id` text NOT NULL,
	`erp_order_nbr` text NOT NULL,
	`document_id` text NOT NULL,
	`order_key` text NOT NULL,
	`partner_id` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`tenant_id`, `erp_order_nbr`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `sscc_serials` (
	`tenant_id` text PRIMARY KEY NOT NULL,
	`next_serial` integer NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);

CREATE TABLE `hook_events` (
	`tenant_id` text NOT NULL,
	`control_number` text NOT NULL,
	`event_id` text NOT NULL,
	`business_event_id` text NOT NULL,
	`legal_entity` text,
	`outcome` text NOT NULL,
	`reason` text,
	`document_id` text,
	`received_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `control_number`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);

-- Carton SSCCs reserved per shipment (issue 18): the one map from carton id to SSCC-18 that the
-- 856 and the carton labels both read, so labels printed before the 856 is built carry the numbers
-- the 856 will send, and a reprint carries them again. Hand-written (not drizzle-kit generated).
CREATE TABLE `shipment_ssccs` (
	`tenant_id` text NOT NULL,
	`shipment_nbr` text NOT NULL,
	`ssccs` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`tenant_id`, `shipment_nbr`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);

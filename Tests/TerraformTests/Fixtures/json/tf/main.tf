variable "env" {
  type    = string
  default = "prod"
}

variable "flags" {
  type    = map(string)
  default = { log_connections = "on", log_disconnections = "on" }
}

locals {
  prefix  = "acme-${var.env}"
  buckets = toset(["logs", "assets"])
}

provider "google" {
  project = "${local.prefix}-project"
  region  = "europe-west1"
}

resource "google_compute_network" "vpc" {
  name                    = "${local.prefix}-vpc"
  auto_create_subnetworks = false
}

resource "google_sql_database_instance" "db" {
  name             = "${local.prefix}-db"
  database_version = "POSTGRES_16"
  depends_on       = [google_compute_network.vpc]
  settings {
    tier              = var.env == "prod" ? "db-custom-4-16384" : "db-f1-micro"
    availability_type = "REGIONAL"
    user_labels       = { env = var.env }
    ip_configuration {
      ipv4_enabled    = false
      private_network = google_compute_network.vpc.id
    }
    dynamic "database_flags" {
      for_each = var.flags
      content {
        name  = database_flags.key
        value = database_flags.value
      }
    }
  }
  lifecycle {
    prevent_destroy = true
  }
}

module "bucket" {
  source   = "./modules/bucket"
  for_each = local.buckets
  name     = "${local.prefix}-${each.key}"
  env      = var.env
}

output "db" {
  value = google_sql_database_instance.db.name
}

provider "google" {
  project = var.project
  region  = "europe-west1"
}

variable "project" {
  type = string
}

variable "buckets" {
  type    = any
  default = { logs = {} }
}

module "storage" {
  source  = "../../modules/storage"
  project = var.project
  env     = "dev"
  buckets = var.buckets
}

resource "google_compute_network" "vpc" {
  name                    = "vpc-dev"
  auto_create_subnetworks = false
}

resource "google_compute_subnetwork" "sub" {
  count         = 2
  name          = "sub-${count.index}"
  network       = google_compute_network.vpc.id
  ip_cidr_range = cidrsubnet("10.0.0.0/16", 8, count.index)
  region        = "europe-west1"
}

resource "google_sql_database_instance" "db" {
  name             = "db-dev"
  database_version = "POSTGRES_16"
  settings {
    tier = "db-f1-micro"
    ip_configuration {
      ipv4_enabled    = false
      private_network = google_compute_network.vpc.self_link
    }
  }
}

output "urls" {
  value = module.storage.bucket_urls
}

output "db_ip" {
  value = google_sql_database_instance.db.private_ip_address
}

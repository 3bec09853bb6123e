#!/usr/bin/env python3
"""Generates the Terraform evaluation benchmark configuration: ROOTS root modules (one per
environment directory) sharing three local modules, 100 resource instances per root by default
(ROOTS=100 -> 10,000 instances). Exercises variables with object types and optional defaults,
tfvars, locals, count, for_each over maps and sets, dynamic blocks, module outputs, derived
attributes (network self_link, service account email) and functions.

Usage: generate.py OUTPUT_DIR [ROOTS]
"""
import os
import sys

out = sys.argv[1]
roots = int(sys.argv[2]) if len(sys.argv) > 2 else 100

NETWORK = '''
variable "project" { type = string }
variable "name" { type = string }
variable "subnet_count" { type = number }
variable "firewall_ports" { type = set(string) }

resource "google_compute_network" "vpc" {
  project                 = var.project
  name                    = var.name
  auto_create_subnetworks = false
}

resource "google_compute_subnetwork" "subnet" {
  count                    = var.subnet_count
  project                  = var.project
  name                     = format("%s-subnet-%02d", var.name, count.index)
  region                   = count.index % 2 == 0 ? "europe-west1" : "europe-west4"
  network                  = google_compute_network.vpc.self_link
  ip_cidr_range            = cidrsubnet("10.0.0.0/8", 16, count.index)
  private_ip_google_access = true
  log_config {
    aggregation_interval = "INTERVAL_5_SEC"
    flow_sampling        = 0.5
  }
}

resource "google_compute_firewall" "allow" {
  for_each = var.firewall_ports
  project  = var.project
  name     = "${var.name}-allow-${each.key}"
  network  = google_compute_network.vpc.id
  allow {
    protocol = "tcp"
    ports    = [each.value]
  }
  source_ranges = [for s in google_compute_subnetwork.subnet : s.ip_cidr_range]
}

output "network" { value = google_compute_network.vpc.self_link }
output "subnets" { value = { for s in google_compute_subnetwork.subnet : s.name => s.ip_cidr_range } }
'''

STORAGE = '''
variable "project" { type = string }
variable "env" { type = string }
variable "buckets" {
  type = map(object({
    versioning = optional(bool, false)
    retention  = optional(number)
    readers    = optional(list(string), [])
    labels     = optional(map(string), {})
  }))
}
variable "delete_after" {
  type    = list(number)
  default = [30, 365]
}

locals {
  common_labels = { env = var.env, managed_by = "terraform" }
}

resource "google_storage_bucket" "bucket" {
  for_each                    = var.buckets
  project                     = var.project
  name                        = lower("${var.project}-${each.key}")
  location                    = "EU"
  uniform_bucket_level_access = true
  public_access_prevention    = var.env == "prod" ? "enforced" : "inherited"
  labels                      = merge(local.common_labels, each.value.labels)

  versioning {
    enabled = each.value.versioning
  }

  dynamic "retention_policy" {
    for_each = each.value.retention == null ? [] : [each.value.retention]
    content {
      retention_period = retention_policy.value
    }
  }

  dynamic "lifecycle_rule" {
    for_each = var.delete_after
    iterator = days
    content {
      action {
        type = "Delete"
      }
      condition {
        age = days.value
      }
    }
  }
}

resource "google_storage_bucket_iam_member" "reader" {
  for_each = var.buckets
  bucket   = google_storage_bucket.bucket[each.key].name
  role     = "roles/storage.objectViewer"
  member   = length(each.value.readers) > 0 ? each.value.readers[0] : "projectViewer:${var.project}"
}

output "urls" { value = [for b in google_storage_bucket.bucket : b.url] }
'''

ACCOUNTS = '''
variable "project" { type = string }
variable "names" { type = list(string) }

resource "google_service_account" "sa" {
  for_each     = toset(var.names)
  project      = var.project
  account_id   = each.key
  display_name = title(replace(each.key, "-", " "))
}

output "emails" { value = { for k, sa in google_service_account.sa : k => sa.email } }
'''

ROOT = '''
provider "google" {
  project = var.project
  region  = "europe-west1"
}

variable "project" { type = string }
variable "env" { type = string }
variable "buckets" { type = any }

locals {
  sa_names = [for i in range(10) : "svc-${var.env}-${i}"]
}

module "network" {
  source         = "../../modules/network"
  project        = var.project
  name           = "vpc-${var.env}"
  subnet_count   = 20
  firewall_ports = toset([for p in range(9) : tostring(8000 + p)])
}

module "storage" {
  source  = "../../modules/storage"
  project = var.project
  env     = var.env
  buckets = var.buckets
}

module "accounts" {
  source  = "../../modules/accounts"
  project = var.project
  names   = local.sa_names
}

output "network" { value = module.network.network }
output "emails" { value = module.accounts.emails }
'''

def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)

write(os.path.join(out, "modules/network/main.tf"), NETWORK)
write(os.path.join(out, "modules/storage/main.tf"), STORAGE)
write(os.path.join(out, "modules/accounts/main.tf"), ACCOUNTS)
for r in range(roots):
    env = f"env{r:03d}"
    d = os.path.join(out, "envs", env)
    write(os.path.join(d, "main.tf"), ROOT)
    buckets = "\n".join(
        f'  b{i:02d} = {{ versioning = {"true" if i % 2 else "false"}'
        + (f", retention = {86400 * (i + 1)}" if i % 3 == 0 else "")
        + (f', readers = ["group:team{i}@example.com"]' if i % 4 == 0 else "")
        + f', labels = {{ idx = "{i}" }} }}'
        for i in range(30))
    write(os.path.join(d, "terraform.tfvars"), f'project = "proj-{env}"\nenv = "{env}"\nbuckets = {{\n{buckets}\n}}\n')
print(f"generated {roots} roots under {out}")

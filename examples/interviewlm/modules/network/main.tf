# VPC for one environment: a custom-mode network with a workload subnetwork and a
# dedicated /28 subnetwork for the Serverless VPC Access connector (both with Private
# Google Access and VPC Flow Logs), Cloud NAT for egress with error-only logging, a
# private service access range and peering for Cloud SQL and Memorystore, and a
# default-deny ingress firewall. Nothing here is reachable from the internet: the only
# public entry point is the external HTTPS load balancer (modules/loadbalancer).

locals {
  name = "interviewlm-${var.environment}"

  # 10.x.0.0/21 for workloads, 10.x.8.0/28 for the connector (cidrsubnet keeps both
  # inside the seed's /20 so environments never overlap).
  workload_cidr  = cidrsubnet(var.vpc_cidr, 1, 0)
  connector_cidr = cidrsubnet(var.vpc_cidr, 8, 128)

  psa_address       = split("/", var.private_service_access_cidr)[0]
  psa_prefix_length = tonumber(split("/", var.private_service_access_cidr)[1])

  # Google front ends and health checkers (https://cloud.google.com/load-balancing/docs/health-check-concepts#ip-ranges).
  google_health_check_ranges = ["35.191.0.0/16", "130.211.0.0/22"]
}

resource "google_compute_network" "vpc" {
  project                         = var.project_id
  name                            = local.name
  description                     = "InterviewLM ${var.environment} VPC (isolated per environment)."
  auto_create_subnetworks         = false
  routing_mode                    = "REGIONAL"
  delete_default_routes_on_create = false
}

resource "google_compute_subnetwork" "workloads" {
  project                  = var.project_id
  name                     = "${local.name}-workloads"
  description              = "Private workloads; Private Google Access for Google APIs without public IPs."
  region                   = var.region
  network                  = google_compute_network.vpc.id
  ip_cidr_range            = local.workload_cidr
  private_ip_google_access = true

  log_config {
    aggregation_interval = "INTERVAL_5_SEC"
    flow_sampling        = var.flow_log_sampling
    metadata             = "INCLUDE_ALL_METADATA"
  }
}

resource "google_compute_subnetwork" "connector" {
  project                  = var.project_id
  name                     = "${local.name}-connector"
  description              = "/28 reserved for the Serverless VPC Access connector."
  region                   = var.region
  network                  = google_compute_network.vpc.id
  ip_cidr_range            = local.connector_cidr
  private_ip_google_access = true

  log_config {
    aggregation_interval = "INTERVAL_5_SEC"
    flow_sampling        = var.flow_log_sampling
    metadata             = "INCLUDE_ALL_METADATA"
  }
}

# Cloud NAT: outbound internet (Anthropic, Modal, Resend, Paddle, LangSmith, GitHub) for
# private resources, with auto-allocated external IPs and error-only logging.
resource "google_compute_router" "router" {
  project     = var.project_id
  name        = "${local.name}-router"
  description = "Cloud Router for Cloud NAT."
  region      = var.region
  network     = google_compute_network.vpc.id
}

resource "google_compute_router_nat" "nat" {
  project                            = var.project_id
  name                               = "${local.name}-nat"
  router                             = google_compute_router.router.name
  region                             = var.region
  nat_ip_allocate_option             = "AUTO_ONLY"
  source_subnetwork_ip_ranges_to_nat = "ALL_SUBNETWORKS_ALL_IP_RANGES"

  log_config {
    enable = true
    filter = "ERRORS_ONLY"
  }
}

# Private service access: one allocated range peered with servicenetworking for Cloud
# SQL and Memorystore.
resource "google_compute_global_address" "private_service_access" {
  project       = var.project_id
  name          = "${local.name}-psa"
  description   = "Private service access range for Cloud SQL and Memorystore."
  purpose       = "VPC_PEERING"
  address_type  = "INTERNAL"
  address       = local.psa_address
  prefix_length = local.psa_prefix_length
  network       = google_compute_network.vpc.id
}

resource "google_service_networking_connection" "private_service_access" {
  network                 = google_compute_network.vpc.id
  service                 = "servicenetworking.googleapis.com"
  reserved_peering_ranges = [google_compute_global_address.private_service_access.name]
}

# Serverless VPC Access: connects Cloud Run to the VPC (Cloud SQL private IP, Redis).
resource "google_vpc_access_connector" "connector" {
  project       = var.project_id
  name          = "ilm-${var.environment}-conn"
  region        = var.region
  machine_type  = var.connector_machine_type
  min_instances = var.connector_min_instances
  max_instances = var.connector_max_instances

  subnet {
    name       = google_compute_subnetwork.connector.name
    project_id = var.project_id
  }
}

# Firewall: deny all ingress by default (logged), allow only traffic that originates
# inside the environment's own ranges and Google health checkers. No rule opens 22,
# 3389 or all ports to 0.0.0.0/0.
resource "google_compute_firewall" "deny_all_ingress" {
  project     = var.project_id
  name        = "${local.name}-deny-all-ingress"
  description = "Default deny for ingress; more specific allow rules have higher priority."
  network     = google_compute_network.vpc.id
  direction   = "INGRESS"
  priority    = 65534

  deny {
    protocol = "all"
  }

  source_ranges = ["0.0.0.0/0"]

  log_config {
    metadata = "INCLUDE_ALL_METADATA"
  }
}

resource "google_compute_firewall" "allow_internal" {
  project     = var.project_id
  name        = "${local.name}-allow-internal"
  description = "Traffic between the environment's own subnetworks (workloads and connector)."
  network     = google_compute_network.vpc.id
  direction   = "INGRESS"
  priority    = 1000

  allow {
    protocol = "tcp"
  }

  allow {
    protocol = "udp"
  }

  allow {
    protocol = "icmp"
  }

  source_ranges = [var.vpc_cidr]

  log_config {
    metadata = "INCLUDE_ALL_METADATA"
  }
}

resource "google_compute_firewall" "allow_health_checks" {
  project     = var.project_id
  name        = "${local.name}-allow-health-checks"
  description = "Google Cloud health checkers on the application port only."
  network     = google_compute_network.vpc.id
  direction   = "INGRESS"
  priority    = 1000

  allow {
    protocol = "tcp"
    ports    = ["8080"]
  }

  source_ranges = local.google_health_check_ranges

  log_config {
    metadata = "INCLUDE_ALL_METADATA"
  }
}

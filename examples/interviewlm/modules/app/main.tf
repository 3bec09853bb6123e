# Cloud Run (v2) service for the Next.js 15 application: gen2 execution environment,
# request-based autoscaling between the environment's min and max (scale to zero in dev
# and staging), session affinity for WebSockets, all egress through the VPC connector,
# every secret from Secret Manager.
#
# Exposure: ingress is INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER, so the run.app URL is not
# reachable from the internet; the only way in is the external HTTPS load balancer with
# Cloud Armor (modules/loadbalancer). An external load balancer forwards requests
# without Google identity tokens, so the service grants roles/run.invoker to allUsers:
# this one binding is the load-balanced front end the interviewlm profile allowlists
# (asset //run.googleapis.com/projects/PROJECT/locations/REGION/services/interviewlm-ENV-app).
# IAP was considered and rejected: candidates and interviewers sign in with the app's own
# GitHub OAuth, not with Google identities.

locals {
  name = "interviewlm-${var.environment}-app"
}

resource "google_cloud_run_v2_service" "app" {
  project             = var.project_id
  name                = local.name
  location            = var.region
  description         = "InterviewLM Next.js 15 application."
  ingress             = "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER"
  launch_stage        = "GA"
  deletion_protection = var.deletion_protection
  labels              = var.labels

  template {
    service_account                  = var.service_account_email
    execution_environment            = "EXECUTION_ENVIRONMENT_GEN2"
    timeout                          = var.request_timeout
    max_instance_request_concurrency = var.concurrency
    session_affinity                 = true
    labels                           = var.labels

    scaling {
      min_instance_count = var.min_instances
      max_instance_count = var.max_instances
    }

    vpc_access {
      connector = var.vpc_connector_id
      egress    = "ALL_TRAFFIC"
    }

    containers {
      name  = "app"
      image = var.image

      ports {
        name           = "http1"
        container_port = 8080
      }

      resources {
        limits = {
          cpu    = var.cpu
          memory = var.memory
        }
        cpu_idle          = true
        startup_cpu_boost = true
      }

      dynamic "env" {
        for_each = var.env
        content {
          name  = env.key
          value = env.value
        }
      }

      dynamic "env" {
        for_each = var.secret_env
        content {
          name = env.key
          value_source {
            secret_key_ref {
              secret  = env.value
              version = "latest"
            }
          }
        }
      }

      startup_probe {
        initial_delay_seconds = 0
        period_seconds        = 5
        timeout_seconds       = 3
        failure_threshold     = 12
        http_get {
          path = "/api/health"
          port = 8080
        }
      }

      liveness_probe {
        period_seconds    = 30
        timeout_seconds   = 5
        failure_threshold = 3
        http_get {
          path = "/api/health"
          port = 8080
        }
      }
    }
  }

  traffic {
    type    = "TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST"
    percent = 100
  }

  lifecycle {
    # CI/CD (GitHub Actions) rolls out new images; Terraform owns everything else.
    ignore_changes = [
      template[0].containers[0].image,
      client,
      client_version,
    ]
  }
}

# The load-balanced front end: see the header comment. Reachable only through the load
# balancer because of the ingress setting above.
resource "google_cloud_run_v2_service_iam_member" "public_via_load_balancer" {
  project  = var.project_id
  location = google_cloud_run_v2_service.app.location
  name     = google_cloud_run_v2_service.app.name
  role     = "roles/run.invoker"
  member   = "allUsers"
}

# CI/CD deploys new revisions of this service (roles/run.admin on the service only).
resource "google_cloud_run_v2_service_iam_member" "cicd_admin" {
  project  = var.project_id
  location = google_cloud_run_v2_service.app.location
  name     = google_cloud_run_v2_service.app.name
  role     = "roles/run.admin"
  member   = "serviceAccount:${var.cicd_service_account_email}"
}

# Serverless network endpoint group: how the load balancer and Cloud CDN reach the service.
resource "google_compute_region_network_endpoint_group" "app" {
  project               = var.project_id
  name                  = "${local.name}-neg"
  region                = var.region
  network_endpoint_type = "SERVERLESS"

  cloud_run {
    service = google_cloud_run_v2_service.app.name
  }
}

# Cloud Run (v2) service for the BullMQ workers: Interview Agent (monitors AI
# interactions), Evaluation Agent (generates reports) and Question Generator (dynamic
# question creation). Always on: CPU is allocated outside requests (cpu_idle = false) and
# at least min_instances run, so queue consumers never freeze; one-hour timeout for
# evaluations. Internal ingress only and no invoker binding: nothing calls the workers,
# they pull jobs from Redis. Disabled in dev (count = 0).

locals {
  name = "interviewlm-${var.environment}-workers"
}

resource "google_cloud_run_v2_service" "workers" {
  count = var.enabled ? 1 : 0

  project             = var.project_id
  name                = local.name
  location            = var.region
  description         = "InterviewLM BullMQ background job processors."
  ingress             = "INGRESS_TRAFFIC_INTERNAL_ONLY"
  launch_stage        = "GA"
  deletion_protection = var.deletion_protection
  labels              = var.labels

  template {
    service_account       = var.service_account_email
    execution_environment = "EXECUTION_ENVIRONMENT_GEN2"
    timeout               = var.job_timeout
    labels                = var.labels

    scaling {
      min_instance_count = var.min_instances
      max_instance_count = var.max_instances
    }

    vpc_access {
      connector = var.vpc_connector_id
      egress    = "ALL_TRAFFIC"
    }

    containers {
      name  = "worker"
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
        cpu_idle          = false
        startup_cpu_boost = true
      }

      env {
        name  = "WORKER_QUEUES"
        value = join(",", var.queues)
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
        period_seconds    = 5
        timeout_seconds   = 3
        failure_threshold = 12
        http_get {
          path = "/healthz"
          port = 8080
        }
      }

      liveness_probe {
        period_seconds    = 30
        timeout_seconds   = 5
        failure_threshold = 3
        http_get {
          path = "/healthz"
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
    ignore_changes = [
      template[0].containers[0].image,
      client,
      client_version,
    ]
  }
}

resource "google_cloud_run_v2_service_iam_member" "cicd_admin" {
  count = var.enabled ? 1 : 0

  project  = var.project_id
  location = google_cloud_run_v2_service.workers[0].location
  name     = google_cloud_run_v2_service.workers[0].name
  role     = "roles/run.admin"
  member   = "serviceAccount:${var.cicd_service_account_email}"
}

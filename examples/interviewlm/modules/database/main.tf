# Cloud SQL for PostgreSQL 16, private IP only, TLS required, CMEK, automated daily
# backups, point-in-time recovery, HA and deletion protection as the environment table
# of the seed says, and PostgreSQL connection/audit/slow-query logging.

locals {
  name = "interviewlm-${var.environment}-pg"
}

resource "google_sql_database_instance" "postgres" {
  project             = var.project_id
  name                = local.name
  region              = var.region
  database_version    = "POSTGRES_16"
  encryption_key_name = var.kms_key_id

  # Terraform-level guard; the API-level guard is settings.deletion_protection_enabled.
  deletion_protection = var.deletion_protection

  settings {
    # PostgreSQL 16 defaults to Enterprise Plus, which has no db-f1-micro, db-g1-small
    # or db-custom-* tiers; the seed's tiers are Enterprise tiers.
    edition                     = "ENTERPRISE"
    tier                        = var.tier
    availability_type           = var.availability_type
    disk_type                   = "PD_SSD"
    disk_size                   = var.disk_size_gb
    disk_autoresize             = true
    disk_autoresize_limit       = 0
    deletion_protection_enabled = var.deletion_protection
    user_labels                 = var.labels

    ip_configuration {
      ipv4_enabled                                  = false
      private_network                               = var.network_id
      allocated_ip_range                            = var.private_service_access_range_name
      ssl_mode                                      = "ENCRYPTED_ONLY"
      enable_private_path_for_google_cloud_services = false
    }

    backup_configuration {
      enabled                        = true
      start_time                     = "03:00"
      location                       = var.region
      point_in_time_recovery_enabled = var.point_in_time_recovery
      transaction_log_retention_days = var.point_in_time_recovery ? var.transaction_log_retention_days : null

      backup_retention_settings {
        retained_backups = var.retained_backups
        retention_unit   = "COUNT"
      }
    }

    maintenance_window {
      day          = 7
      hour         = 4
      update_track = "stable"
    }

    insights_config {
      query_insights_enabled  = true
      query_string_length     = 1024
      record_application_tags = true
      record_client_address   = false
    }

    database_flags {
      name  = "log_connections"
      value = "on"
    }

    database_flags {
      name  = "log_disconnections"
      value = "on"
    }

    database_flags {
      name  = "cloudsql.enable_pgaudit"
      value = "on"
    }

    database_flags {
      name  = "pgaudit.log"
      value = "ddl,role"
    }

    database_flags {
      name  = "log_min_duration_statement"
      value = tostring(var.slow_query_ms)
    }

    database_flags {
      name  = "log_checkpoints"
      value = "on"
    }

    database_flags {
      name  = "log_lock_waits"
      value = "on"
    }

    database_flags {
      name  = "log_temp_files"
      value = "0"
    }
  }
}

resource "google_sql_database" "app" {
  project  = var.project_id
  name     = var.database_name
  instance = google_sql_database_instance.postgres.name
}

# The password is generated here and written straight to Secret Manager; it never
# appears in code or tfvars (it does live in the encrypted remote state).
resource "random_password" "app_user" {
  length           = 32
  special          = true
  override_special = "-_"
}

resource "google_sql_user" "app" {
  project  = var.project_id
  name     = var.app_user
  instance = google_sql_database_instance.postgres.name
  password = random_password.app_user.result
}

resource "google_secret_manager_secret_version" "app_user_password" {
  secret      = var.password_secret_id
  secret_data = random_password.app_user.result
}

# InterviewLM dev: values from the "Development" column of the seed's Environment
# Comparison table (../../SEED-MAP.md maps each line). No secret values here.

environment     = "dev"
project_id      = "interviewlm-dev"
project_number  = "205938417362"
billing_account = "01A2B3-C4D5E6-F7A8B9"
region          = "us-central1"
domain          = "dev.interviewlm.com"

# Network
vpc_cidr                    = "10.0.0.0/20"
private_service_access_cidr = "10.100.0.0/20"
connector_machine_type      = "e2-micro"
connector_min_instances     = 2
connector_max_instances     = 10

# App Instances 0-2; App Resources 1 vCPU, 512Mi
app_image         = "us-central1-docker.pkg.dev/interviewlm-dev/interviewlm/app:1.0.0"
app_min_instances = 0
app_max_instances = 2
app_cpu           = "1"
app_memory        = "512Mi"

# Workers: Disabled
workers_enabled       = false
worker_image          = "us-central1-docker.pkg.dev/interviewlm-dev/interviewlm/workers:1.0.0"
workers_min_instances = 0
workers_max_instances = 0

# Database db-f1-micro; DB HA Single zone; Backups 3 retained; PITR Disabled
db_tier                           = "db-f1-micro"
db_availability_type              = "ZONAL"
db_retained_backups               = 3
db_point_in_time_recovery         = false
db_transaction_log_retention_days = 7

# Deletion Protection Disabled
deletion_protection   = false
storage_force_destroy = true

# Redis 1GB Basic
redis_tier           = "BASIC"
redis_memory_size_gb = 1

# Cloud Logging retention 30 days
log_retention_days = 30

# Alerts Disabled; Alert Thresholds Relaxed
alerts_enabled               = false
error_rate_threshold_percent = 10
latency_p99_threshold_ms     = 5000
db_cpu_threshold_percent     = 90
uptime_check_period          = "900s"
notification_emails          = ["dev-alerts@interviewlm.com"]

# Monthly Cost $50-100
monthly_budget_usd    = 100
expected_monthly_cost = "$50-100"

# CI/CD (Workload Identity Federation)
github_repository          = "interviewlm/interviewlm"
github_deploy_ref          = null
secret_first_rotation_time = "2026-09-01T00:00:00Z"

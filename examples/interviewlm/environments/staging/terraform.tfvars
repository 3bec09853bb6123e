# InterviewLM staging: values from the "Staging" column of the seed's Environment
# Comparison table (../../SEED-MAP.md maps each line). No secret values here.

environment     = "staging"
project_id      = "interviewlm-staging"
project_number  = "318274659021"
billing_account = "01A2B3-C4D5E6-F7A8B9"
region          = "us-central1"
domain          = "staging.interviewlm.com"

# Network
vpc_cidr                    = "10.1.0.0/20"
private_service_access_cidr = "10.101.0.0/20"
connector_machine_type      = "e2-micro"
connector_min_instances     = 2
connector_max_instances     = 10

# App Instances 0-5; App Resources 2 vCPU, 1Gi
app_image         = "us-central1-docker.pkg.dev/interviewlm-staging/interviewlm/app:1.0.0"
app_min_instances = 0
app_max_instances = 5
app_cpu           = "2"
app_memory        = "1Gi"

# Workers: 1-3
workers_enabled       = true
worker_image          = "us-central1-docker.pkg.dev/interviewlm-staging/interviewlm/workers:1.0.0"
workers_min_instances = 1
workers_max_instances = 3

# Database db-g1-small; DB HA Single zone; Backups 7 retained; PITR Enabled
db_tier                           = "db-g1-small"
db_availability_type              = "ZONAL"
db_retained_backups               = 7
db_point_in_time_recovery         = true
db_transaction_log_retention_days = 7

# Deletion Protection Enabled
deletion_protection   = true
storage_force_destroy = false

# Redis 1GB Basic
redis_tier           = "BASIC"
redis_memory_size_gb = 1

# Cloud Logging retention 60 days
log_retention_days = 60

# Alerts Enabled; Alert Thresholds Moderate
alerts_enabled               = true
error_rate_threshold_percent = 5
latency_p99_threshold_ms     = 3000
db_cpu_threshold_percent     = 80
uptime_check_period          = "300s"
notification_emails          = ["oncall@interviewlm.com"]

# Monthly Cost $100-200
monthly_budget_usd    = 200
expected_monthly_cost = "$100-200"

# CI/CD (Workload Identity Federation)
github_repository          = "interviewlm/interviewlm"
github_deploy_ref          = "refs/heads/main"
secret_first_rotation_time = "2026-09-01T00:00:00Z"

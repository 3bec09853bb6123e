# InterviewLM prod: values from the "Production" column of the seed's Environment
# Comparison table (../../SEED-MAP.md maps each line). No secret values here.

environment     = "prod"
project_id      = "interviewlm-prod"
project_number  = "482915730164"
billing_account = "01A2B3-C4D5E6-F7A8B9"
region          = "us-central1"
domain          = "app.interviewlm.com"

# Network
vpc_cidr                    = "10.2.0.0/20"
private_service_access_cidr = "10.102.0.0/20"
connector_machine_type      = "e2-standard-4"
connector_min_instances     = 2
connector_max_instances     = 10

# App Instances 2-20; App Resources 4 vCPU, 2Gi
app_image         = "us-central1-docker.pkg.dev/interviewlm-prod/interviewlm/app:1.0.0"
app_min_instances = 2
app_max_instances = 20
app_cpu           = "4"
app_memory        = "2Gi"

# Workers: 2-10
workers_enabled       = true
worker_image          = "us-central1-docker.pkg.dev/interviewlm-prod/interviewlm/workers:1.0.0"
workers_min_instances = 2
workers_max_instances = 10

# Database db-custom-2-4096; DB HA Multi-zone; Backups 30 retained; PITR Enabled
db_tier                           = "db-custom-2-4096"
db_availability_type              = "REGIONAL"
db_retained_backups               = 30
db_point_in_time_recovery         = true
# Seed: "PITR (14-day retention)". The seed's tier db-custom-2-4096 is an Enterprise
# edition tier, whose WAL retention is at most 7 days (14+ needs Enterprise Plus, which
# has no db-custom tiers). 7 days of WAL plus 30 daily backups is the closest faithful
# setting; see SEED-MAP.md.
db_transaction_log_retention_days = 7

# Deletion Protection Enabled
deletion_protection   = true
storage_force_destroy = false

# Redis 5GB Standard HA
redis_tier           = "STANDARD_HA"
redis_memory_size_gb = 5

# Cloud Logging retention 90 days
log_retention_days = 90

# Alerts Enabled; Alert Thresholds Strict
alerts_enabled               = true
error_rate_threshold_percent = 1
latency_p99_threshold_ms     = 2000
db_cpu_threshold_percent     = 70
uptime_check_period          = "60s"
notification_emails          = ["oncall@interviewlm.com", "platform-team@interviewlm.com"]

# Monthly Cost $400-800
monthly_budget_usd    = 800
expected_monthly_cost = "$400-800"

# CI/CD (Workload Identity Federation)
github_repository          = "interviewlm/interviewlm"
github_deploy_ref          = "refs/heads/main"
secret_first_rotation_time = "2026-09-01T00:00:00Z"

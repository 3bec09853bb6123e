output "run_service_account_email" {
  description = "Email of the Cloud Run runtime service account."
  value       = local.run_email
  depends_on  = [google_service_account.run]
}

output "cicd_service_account_email" {
  description = "Email of the CI/CD service account."
  value       = local.cicd_email
  depends_on  = [google_service_account.cicd]
}

output "workload_identity_provider" {
  description = "Full provider name for google-github-actions/auth (workload_identity_provider)."
  value       = google_iam_workload_identity_pool_provider.github.name
}

output "workload_identity_pool_id" {
  description = "Workload identity pool id."
  value       = google_iam_workload_identity_pool.github.workload_identity_pool_id
}

output "service_name" {
  description = "Workers service name, or null when disabled."
  value       = var.enabled ? google_cloud_run_v2_service.workers[0].name : null
}

output "load_balancer_ip" {
  description = "Point the environment's DNS A record here."
  value       = module.loadbalancer.ip_address
}

output "app_service" {
  description = "Cloud Run app service."
  value       = module.app.service_name
}

output "workers_service" {
  description = "Cloud Run workers service (null when disabled)."
  value       = module.workers.service_name
}

output "database_connection_name" {
  description = "Cloud SQL connection name."
  value       = module.database.connection_name
}

output "image_prefix" {
  description = "Where CI/CD pushes images."
  value       = module.registry.image_prefix
}

output "workload_identity_provider" {
  description = "For google-github-actions/auth: workload_identity_provider."
  value       = module.iam.workload_identity_provider
}

output "cicd_service_account" {
  description = "For google-github-actions/auth: service_account."
  value       = module.iam.cicd_service_account_email
}

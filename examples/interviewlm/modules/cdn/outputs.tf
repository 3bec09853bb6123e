output "backend_service_id" {
  description = "CDN-enabled backend service for static paths."
  value       = google_compute_backend_service.static.id
}

output "static_paths" {
  description = "Paths the load balancer sends to the CDN backend."
  value       = var.static_paths
}

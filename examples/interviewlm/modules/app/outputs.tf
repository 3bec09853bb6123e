output "service_name" {
  description = "Cloud Run service name."
  value       = google_cloud_run_v2_service.app.name
}

output "service_id" {
  description = "Cloud Run service id."
  value       = google_cloud_run_v2_service.app.id
}

output "network_endpoint_group_id" {
  description = "Serverless NEG of the service, for load balancer and CDN backends."
  value       = google_compute_region_network_endpoint_group.app.id
}

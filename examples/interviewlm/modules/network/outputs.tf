output "network_id" {
  description = "VPC id (projects/P/global/networks/N)."
  value       = google_compute_network.vpc.id
}

output "network_name" {
  description = "VPC name."
  value       = google_compute_network.vpc.name
}

output "network_self_link" {
  description = "VPC self link."
  value       = google_compute_network.vpc.self_link
}

output "workload_subnetwork_id" {
  description = "Workload subnetwork id."
  value       = google_compute_subnetwork.workloads.id
}

output "connector_id" {
  description = "Serverless VPC Access connector id, for Cloud Run vpc_access.connector."
  value       = google_vpc_access_connector.connector.id
}

output "private_service_access_range_name" {
  description = "Name of the allocated private service access range. Waits for the servicenetworking peering, so private-IP services that use it are created after the connection exists."
  value       = google_compute_global_address.private_service_access.name
  depends_on  = [google_service_networking_connection.private_service_access]
}

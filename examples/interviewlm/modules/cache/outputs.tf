output "instance_id" {
  description = "Instance id (projects/P/locations/R/instances/I)."
  value       = google_redis_instance.cache.id
}

output "instance_name" {
  description = "Instance name."
  value       = google_redis_instance.cache.name
}

output "host" {
  description = "Private IP of the primary endpoint."
  value       = google_redis_instance.cache.host
}

output "port" {
  description = "Port of the primary endpoint (TLS)."
  value       = google_redis_instance.cache.port
}

output "server_ca_certs" {
  description = "CA certificates clients use to verify the TLS server certificate."
  value       = google_redis_instance.cache.server_ca_certs
}

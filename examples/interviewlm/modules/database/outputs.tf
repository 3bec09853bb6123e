output "instance_name" {
  description = "Instance name."
  value       = google_sql_database_instance.postgres.name
}

output "connection_name" {
  description = "project:region:instance, for the Cloud SQL connectors."
  value       = google_sql_database_instance.postgres.connection_name
}

output "private_ip_address" {
  description = "Private IP of the instance."
  value       = google_sql_database_instance.postgres.private_ip_address
}

output "database_name" {
  description = "Application database."
  value       = google_sql_database.app.name
}

output "app_user" {
  description = "Application database user."
  value       = google_sql_user.app.name
}

output "sessions_bucket" {
  description = "Sessions bucket name."
  value       = google_storage_bucket.bucket["sessions"].name
}

output "artifacts_bucket" {
  description = "Artifacts bucket name."
  value       = google_storage_bucket.bucket["artifacts"].name
}

output "bucket_names" {
  description = "All bucket names by purpose."
  value       = { for k, b in google_storage_bucket.bucket : k => b.name }
}

output "secret_ids" {
  description = "Secret resource ids (projects/P/secrets/S) by secret id."
  value       = { for k, s in google_secret_manager_secret.secret : k => s.id }
}

output "secret_names" {
  description = "Short secret ids, for Cloud Run secret_key_ref."
  value       = { for k, s in google_secret_manager_secret.secret : k => s.secret_id }
}

output "key_ring_id" {
  description = "Key ring id."
  value       = google_kms_key_ring.ring.id
}

output "cloudsql_key_id" {
  description = "CMEK for Cloud SQL (usable once the service agent grant exists)."
  value       = google_kms_crypto_key.key["cloudsql"].id
  depends_on  = [google_kms_crypto_key_iam_member.service_agent]
}

output "artifact_registry_key_id" {
  description = "CMEK for Artifact Registry (usable once the service agent grant exists)."
  value       = google_kms_crypto_key.key["artifact-registry"].id
  depends_on  = [google_kms_crypto_key_iam_member.service_agent]
}

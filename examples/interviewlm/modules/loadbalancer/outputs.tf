output "ip_address" {
  description = "Public IP to point the environment's DNS record at."
  value       = google_compute_global_address.lb.address
}

output "security_policy_id" {
  description = "Cloud Armor policy."
  value       = google_compute_security_policy.armor.id
}

# Secret Manager: database credentials, the Redis AUTH string, third-party API keys
# (Anthropic, Modal, Resend, Paddle, LangSmith), OAuth and webhook secrets. Only the
# secret containers are declared; no secret value appears in code or tfvars. Version
# history is kept by Secret Manager, access is IAM-based (the Cloud Run SA holds
# roles/secretmanager.secretAccessor), and rotated secrets publish a rotation event to a
# Pub/Sub topic on schedule ("automatic rotation support").

resource "google_pubsub_topic" "rotation" {
  project = var.project_id
  name    = "interviewlm-${var.environment}-secret-rotation"
  labels  = var.labels
}

resource "google_pubsub_topic_iam_member" "secret_manager_publisher" {
  project = var.project_id
  topic   = google_pubsub_topic.rotation.name
  role    = "roles/pubsub.publisher"
  member  = "serviceAccount:service-${var.project_number}@gcp-sa-secretmanager.iam.gserviceaccount.com"
}

resource "google_secret_manager_secret" "secret" {
  for_each = var.secrets

  project   = var.project_id
  secret_id = each.key
  labels    = var.labels

  annotations = {
    description = each.value.description
  }

  replication {
    auto {}
  }

  dynamic "topics" {
    for_each = each.value.rotate ? [google_pubsub_topic.rotation.id] : []
    content {
      name = topics.value
    }
  }

  dynamic "rotation" {
    for_each = each.value.rotate ? [1] : []
    content {
      rotation_period    = var.rotation_period
      next_rotation_time = var.first_rotation_time
    }
  }

  lifecycle {
    # Secret Manager advances next_rotation_time itself after every rotation event.
    ignore_changes = [rotation[0].next_rotation_time]
  }

  depends_on = [google_pubsub_topic_iam_member.secret_manager_publisher]
}

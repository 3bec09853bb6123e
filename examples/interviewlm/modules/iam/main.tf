# Service accounts and keyless CI/CD.
#
# Cloud Run SA (runs the app and the workers) - the seed's six roles:
#   roles/cloudsql.client, roles/secretmanager.secretAccessor, roles/logging.logWriter,
#   roles/cloudtrace.agent, roles/monitoring.metricWriter   -> project level, below
#   roles/storage.objectAdmin                                -> on the two buckets only
#                                                               (modules/storage)
# CI/CD SA (GitHub Actions through Workload Identity Federation) - the seed's four roles:
#   roles/secretmanager.viewer                               -> project level, below
#   roles/run.admin                                          -> on the app and workers
#                                                               services (modules/app,
#                                                               modules/workers)
#   roles/artifactregistry.writer                            -> on the repository
#                                                               (modules/registry)
#   roles/storage.admin                                      -> on the two buckets
#                                                               (modules/storage)
# Admin roles are granted on the resources they administer, never on the project.
# Deploying a revision that runs as the Cloud Run SA also needs actAs on that one
# account: roles/iam.serviceAccountUser is granted on the Cloud Run SA itself, never at
# project level. No service account keys exist anywhere: GitHub Actions authenticates
# with OIDC tokens exchanged through the workload identity pool.

locals {
  prefix = "interviewlm-${var.environment}"

  # Static emails (ACCOUNT_ID@PROJECT_ID.iam.gserviceaccount.com, fixed by Google) so
  # that IAM bindings are known at plan time; the depends_on below orders creation.
  run_account_id  = "${local.prefix}-run"
  cicd_account_id = "${local.prefix}-cicd"
  run_email       = "${local.run_account_id}@${var.project_id}.iam.gserviceaccount.com"
  cicd_email      = "${local.cicd_account_id}@${var.project_id}.iam.gserviceaccount.com"

  run_project_roles = toset([
    "roles/cloudsql.client",
    "roles/secretmanager.secretAccessor",
    "roles/logging.logWriter",
    "roles/cloudtrace.agent",
    "roles/monitoring.metricWriter",
  ])

  cicd_project_roles = toset([
    "roles/secretmanager.viewer",
  ])

  pool_id     = "github-${var.environment}"
  provider_id = "github-actions"

  ref_condition       = var.github_deploy_ref == null ? "" : " && assertion.ref == '${var.github_deploy_ref}'"
  attribute_condition = "assertion.repository == '${var.github_repository}'${local.ref_condition}"
}

resource "google_service_account" "run" {
  project      = var.project_id
  account_id   = local.run_account_id
  display_name = "InterviewLM ${var.environment} Cloud Run"
  description  = "Runtime identity of the InterviewLM app and workers on Cloud Run."
}

resource "google_service_account" "cicd" {
  project      = var.project_id
  account_id   = local.cicd_account_id
  display_name = "InterviewLM ${var.environment} CI/CD"
  description  = "Deploys InterviewLM from GitHub Actions via Workload Identity Federation; has no keys."
}

resource "google_project_iam_member" "run" {
  for_each = local.run_project_roles

  project = var.project_id
  role    = each.value
  member  = "serviceAccount:${local.run_email}"

  depends_on = [google_service_account.run]
}

resource "google_project_iam_member" "cicd" {
  for_each = local.cicd_project_roles

  project = var.project_id
  role    = each.value
  member  = "serviceAccount:${local.cicd_email}"

  depends_on = [google_service_account.cicd]
}

# CI/CD may deploy revisions that run as the Cloud Run SA (actAs on this account only).
resource "google_service_account_iam_member" "cicd_acts_as_run" {
  service_account_id = google_service_account.run.name
  role               = "roles/iam.serviceAccountUser"
  member             = "serviceAccount:${local.cicd_email}"

  depends_on = [google_service_account.cicd]
}

# Workload Identity Federation for GitHub Actions, scoped to one repository.
resource "google_iam_workload_identity_pool" "github" {
  project                   = var.project_id
  workload_identity_pool_id = local.pool_id
  display_name              = "GitHub Actions (${var.environment})"
  description               = "Keyless authentication for GitHub Actions of ${var.github_repository}."
  disabled                  = false
}

resource "google_iam_workload_identity_pool_provider" "github" {
  project                            = var.project_id
  workload_identity_pool_id          = google_iam_workload_identity_pool.github.workload_identity_pool_id
  workload_identity_pool_provider_id = local.provider_id
  display_name                       = "GitHub OIDC"
  description                        = "GitHub Actions OIDC tokens of ${var.github_repository} only."
  disabled                           = false

  attribute_mapping = {
    "google.subject"             = "assertion.sub"
    "attribute.repository"       = "assertion.repository"
    "attribute.repository_owner" = "assertion.repository_owner"
    "attribute.ref"              = "assertion.ref"
    "attribute.actor"            = "assertion.actor"
  }

  # Tokens of any other repository are rejected at the token exchange.
  attribute_condition = local.attribute_condition

  oidc {
    issuer_uri = "https://token.actions.githubusercontent.com"
  }
}

# Only identities from the one repository may impersonate the CI/CD SA (never the whole
# pool: principalSet://.../*).
resource "google_service_account_iam_member" "cicd_workload_identity" {
  service_account_id = google_service_account.cicd.name
  role               = "roles/iam.workloadIdentityUser"
  member             = "principalSet://iam.googleapis.com/projects/${var.project_number}/locations/global/workloadIdentityPools/${local.pool_id}/attribute.repository/${var.github_repository}"

  depends_on = [google_iam_workload_identity_pool_provider.github]
}

variable "project_id" {
  description = "Project of the secrets."
  type        = string
}

variable "project_number" {
  description = "Project number; names the Secret Manager service agent that publishes rotation events."
  type        = string
}

variable "environment" {
  description = "Environment name."
  type        = string
}

variable "labels" {
  description = "Labels (must include environment)."
  type        = map(string)
}

variable "secrets" {
  description = "Secrets to create, by secret id: what it holds and whether it is rotated on a schedule. Values are never set here: generated ones are written by the modules that generate them, third-party ones are added with `gcloud secrets versions add`."
  type = map(object({
    description = string
    rotate      = bool
  }))
}

variable "rotation_period" {
  description = "Rotation reminder period for rotated secrets."
  type        = string
  default     = "7776000s"
}

variable "first_rotation_time" {
  description = "RFC 3339 time of the first rotation event; later ones follow rotation_period."
  type        = string
}

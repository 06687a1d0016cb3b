# Reference values for the clustered usage intervals (domain-spec §5.4), from R's survey package.
# Run from the repository root: Rscript tests/reference/usage.R  (R 4.2 + survey 4.1-1 + jsonlite)
# Input: tests/fixtures/usage/clustered/students.csv (one row per licensed student; schools are
# the clusters). Output: tests/reference/usage.json, compared by tests/unit/usage/clustered-ci.test.ts.
suppressPackageStartupMessages({
  library(survey)
  library(jsonlite)
})

students <- read.csv("tests/fixtures/usage/clustered/students.csv")
z <- qnorm(0.975)

wilson <- function(p, n) {
  center <- (p + z^2 / (2 * n)) / (1 + z^2 / n)
  half <- z / (1 + z^2 / n) * sqrt(p * (1 - p) / n + z^2 / (4 * n^2))
  c(max(0, center - half), min(1, center + half))
}

# n_eff is capped at the number of students in the denominator: a design effect below 1 would
# claim more precision than a simple random sample of every student [D].
describe <- function(ratio, se, students_n) {
  variance <- se^2
  n_eff <- min(ratio * (1 - ratio) / variance, students_n)
  ci <- wilson(ratio, n_eff)
  list(ratio = ratio, variance = variance, n_eff = n_eff, lo = ci[1], hi = ci[2])
}

rates <- list(
  activation_rate = c("activated", "licensed"),
  dosage_rate_access = c("dosage_met", "licensed"),
  dosage_rate_active = c("dosage_met", "activated")
)

# All students: schools as clusters. By poverty group: the group is a stratum, so each group's
# variance uses its own C schools, as the formula of §5.4 does.
everyone <- svydesign(ids = ~school, data = students, weights = ~licensed)
by_group <- svydesign(ids = ~school, strata = ~poverty_group, data = students, weights = ~licensed)

out <- list()
for (id in names(rates)) {
  num <- as.formula(paste0("~", rates[[id]][1]))
  den <- as.formula(paste0("~", rates[[id]][2]))
  all <- svyratio(num, den, everyone)
  den_total <- function(rows) sum(rows[[rates[[id]][2]]])
  result <- list(all = describe(unname(coef(all)), unname(SE(all)), den_total(students)))
  groups <- svyby(num, ~poverty_group, by_group, svyratio, denominator = den)
  ratios <- unname(coef(groups))
  ses <- unname(SE(groups))
  for (i in seq_along(ratios)) {
    group <- as.character(groups$poverty_group[i])
    rows <- students[students$poverty_group == group, ]
    result[[group]] <- describe(ratios[i], ses[i], den_total(rows))
  }
  out[[id]] <- result
}

out$generated_by <- paste(R.version.string, "survey", as.character(packageVersion("survey")))
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, pretty = TRUE), "tests/reference/usage.json")

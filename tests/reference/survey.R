# Reference values for the survey estimators (issue #3), computed with R's survey package.
# Run from the repo root: Rscript tests/reference/survey.R
# Writes tests/reference/survey-reference.json; the unit tests compare the app's SQL + TypeScript
# results with it (point estimates 1e-9, standard errors and Korn-Graubard bounds 1e-6).
# Conventions mirrored from the app (docs/methodology.md):
# - item non-response (dont_know, skipped, NA) is a domain exclusion on the full design;
# - strata default to one stratum, PSUs to the respondent, PSUs nested in strata, no fpc;
# - single-PSU strata: options(survey.lonely.psu = "adjust");
# - replicate variances with mse = TRUE; Fay rho = 0.5 for the fixture.
suppressPackageStartupMessages({
  library(survey)
  library(jsonlite)
})
options(survey.lonely.psu = "adjust")

fixtures <- "tests/fixtures/survey"
read <- function(name) {
  read.csv(file.path(fixtures, name), colClasses = "character", na.strings = "")
}
num <- function(x) as.numeric(x)

responses <- read("survey_responses.csv")
replicates <- read("survey_replicate_weights.csv")
districts <- read("districts.csv")

# SAIPE district-weighted quartiles, computed independently of the app's SQL:
# cutpoints = quantile(type = 1), ties at a cutpoint go to the lower quartile (right-closed).
saipe_quartile <- function(leaid, year) {
  d <- districts[districts$school_year_start == year, ]
  pop <- num(d$saipe_pop_5_17)
  rate <- ifelse(!is.na(pop) & pop > 0, num(d$saipe_pov_5_17) / pop, NA)
  cuts <- quantile(rate[!is.na(rate)], c(0.25, 0.5, 0.75), type = 1, names = FALSE)
  q <- as.character(cut(rate, c(-Inf, cuts, Inf), labels = c("Q1", "Q2", "Q3", "Q4"), right = TRUE))
  out <- q[match(leaid, d$leaid)]
  ifelse(is.na(out), "unknown", out)
}

outcome <- function(d, which) {
  status_ok <- is.na(d$item_response_status) | d$item_response_status == "answered"
  trained <- ifelse(status_ok & d$trained_teachers_ai %in% c("0", "1"), num(d$trained_teachers_ai), NA)
  plans <- ifelse(d$plans_train_ai_this_year %in% c("0", "1"), num(d$plans_train_ai_this_year), NA)
  switch(which,
    trained = trained,
    planned = ifelse(trained %in% 1, 0, ifelse(trained %in% 0, plans, NA)),
    projected = ifelse(trained %in% 1, 1, ifelse(trained %in% 0, plans, NA))
  )
}

prepare <- function(survey_id, wave, which, weighting, grouping) {
  d <- responses[responses$survey_id == survey_id & responses$survey_wave == wave, ]
  d$stratum[is.na(d$stratum)] <- ""
  d$psu[is.na(d$psu)] <- paste0("respondent:", d$respondent_id[is.na(d$psu)])
  enrol <- num(d$enrollment_total)
  d$mult <- if (weighting == "student") ifelse(!is.na(enrol) & enrol > 0, enrol, 0) else 1
  w <- num(d$weight)
  d$w <- (if (all(is.na(w))) 1 else ifelse(is.na(w), 0, w)) * d$mult
  d$y <- outcome(d, which)
  d$y[d$mult == 0] <- NA
  d$grp <- switch(grouping,
    poverty_source = ifelse(is.na(d$poverty_level_source), "unknown", d$poverty_level_source),
    saipe_quartiles = saipe_quartile(d$leaid, d$school_year_start[1]),
    locale = ifelse(is.na(d$locale_source), "unknown", d$locale_source)
  )
  d
}

make_design <- function(d, survey_id, wave) {
  reps <- replicates[replicates$survey_id == survey_id & replicates$survey_wave == wave, ]
  if (nrow(reps) == 0) {
    return(svydesign(ids = ~psu, strata = ~stratum, weights = ~w, nest = TRUE, data = d))
  }
  r <- max(num(reps$replicate))
  wide <- matrix(0, nrow(d), r)
  wide[cbind(match(reps$respondent_id, d$respondent_id), num(reps$replicate))] <- num(reps$weight)
  wide <- wide * d$mult
  method <- unique(d$repwt_method)
  svrepdesign(data = d, repweights = wide, weights = ~w, combined.weights = TRUE, mse = TRUE,
              type = method, rho = if (method == "Fay") 0.5 else NULL)
}

estimate_row <- function(des, group) {
  m <- svymean(~y, des)
  kg <- attr(svyciprop(~y, des, method = "beta"), "ci")
  list(group = group, estimate = unname(coef(m)[1]), se = unname(SE(m)[1]),
       n = nrow(des), kg_lo = unname(kg[1]), kg_hi = unname(kg[2]))
}

run_case <- function(survey_id, wave, which, weighting, grouping) {
  d <- prepare(survey_id, wave, which, weighting, grouping)
  des <- make_design(d, survey_id, wave)
  answered <- subset(des, !is.na(y))
  groups <- sort(unique(d$grp[!is.na(d$y)]))
  rows <- lapply(groups, function(g) estimate_row(subset(answered, grp == g), g))
  by <- svyby(~y, ~grp, answered, svymean, covmat = TRUE)
  gap <- if (all(c("low", "high") %in% groups)) {
    g <- svycontrast(by, quote(low - high))
    list(estimate = unname(coef(g)), se = unname(SE(g)))
  }
  list(survey_id = survey_id, wave = wave, outcome = which, weighting = weighting,
       grouping = grouping, groups = rows, overall = estimate_row(answered, "all"),
       gap_low_high = gap)
}

cases <- list()
add <- function(...) cases[[length(cases) + 1]] <<- run_case(...)
for (which in c("trained", "planned", "projected")) {
  for (weighting in c("district", "student")) add("fx-strat", "fall 2024", which, weighting, "poverty_source")
}
add("fx-strat", "fall 2024", "trained", "district", "locale")
add("fx-strat", "fall 2024", "trained", "district", "saipe_quartiles")
add("fx-strat", "fall 2023", "trained", "district", "poverty_source")
for (id in c("fx-jk1", "fx-brr", "fx-fay")) {
  for (weighting in c("district", "student")) add(id, "fall 2024", "trained", weighting, "poverty_source")
}

# Change between the fx-strat waves. Respondents are linked by panel_id, so the difference is
# estimated on the stacked waves as one design (same strata and PSUs in both waves): svyby over
# wave with covmat, then svycontrast.
stack <- rbind(
  prepare("fx-strat", "fall 2023", "trained", "district", "poverty_source"),
  prepare("fx-strat", "fall 2024", "trained", "district", "poverty_source")
)
stacked <- subset(svydesign(ids = ~psu, strata = ~stratum, weights = ~w, nest = TRUE, data = stack), !is.na(y))
by_wave <- svyby(~y, ~survey_wave, stacked, svymean, covmat = TRUE)
change <- svycontrast(by_wave, quote(`fall 2024` - `fall 2023`))

# Wilson intervals of the unweighted fixture (prop.test without continuity correction).
srs <- responses[responses$survey_id == "fx-srs", ]
wilson <- lapply(split(srs, srs$poverty_level_source), function(g) {
  x <- sum(g$trained_teachers_ai == "1"); n <- nrow(g)
  ci <- prop.test(x, n, correct = FALSE)$conf.int
  list(group = g$poverty_level_source[1], x = x, n = n, lo = ci[1], hi = ci[2])
})

out <- list(
  generated_by = "tests/reference/survey.R",
  r_version = paste(R.version$major, R.version$minor, sep = "."),
  survey_version = as.character(packageVersion("survey")),
  lonely_psu = getOption("survey.lonely.psu"),
  cases = cases,
  change_fx_strat = list(estimate = unname(coef(change)), se = unname(SE(change))),
  wilson_fx_srs = unname(wilson)
)
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, null = "null", na = "null", pretty = TRUE),
           "tests/reference/survey-reference.json")

// Which renderer draws which card type; anything unknown becomes a key/value table, and a
// renderer that fails on an unexpected shape falls back to the same table.

import { customerCard } from "./customer.js";
import { atRiskCard, segmentCard, segmentsCard, similarCard, topCustomersCard } from "./lists.js";
import { reviewsCard, sentimentCard } from "./reviews.js";
import { offerCard, planCard } from "./offer.js";
import { forecastCard, modelReportCard } from "./model.js";
import { alertCard, alertsCard } from "./alerts.js";
import { recommendationsCard } from "./recommendations.js";
import { productsCard } from "./products.js";
import { boughtWithCard } from "./bought_with.js";
import { reviewRankingCard } from "./review_ranking.js";
import { generic } from "./common.js";

const RENDERERS = {
  customer: customerCard,
  at_risk: atRiskCard,
  top_customers: topCustomersCard,
  similar: similarCard,
  segments: segmentsCard,
  segment: segmentCard,
  reviews: reviewsCard,
  sentiment: sentimentCard,
  offer: offerCard,
  plan: planCard,
  forecast: forecastCard,
  model_report: modelReportCard,
  recommendations: recommendationsCard,
  products: productsCard,
  bought_with: boughtWithCard,
  review_ranking: reviewRankingCard,
  alerts: alertsCard,
  alert: alertCard,
};

/** The element for one card. actions: {ask(text), can(tool), customerLink(id)}. */
export function renderCard(card, actions) {
  const render = RENDERERS[card?.type];
  if (render) {
    try {
      return render(card, actions);
    } catch (error) {
      console.warn(`card ${card.type} drawn as a table:`, error);
    }
  }
  return generic(card);
}

// Products recommended for a shopper or a product page, from a model of what sells together, rebuilt as orders come.
export { basketHitRate, contextAgreement, hitRateAtK, listQuality, type CatalogTruth } from './evaluation.ts';
export { RecommendationModels } from './model-cache.ts';
export { namedReason, RecommendationModel, type TrainingData } from './model.ts';
export { durableShare } from './repurchase.ts';
export { loadTrainingData } from './training-data.ts';

// Products recommended for a shopper or a product page, from a model of what sells together, rebuilt as orders come.
export { hitRateAtK } from './evaluation.ts';
export { RecommendationModels } from './model-cache.ts';
export { RecommendationModel, type TrainingData } from './model.ts';
export { loadTrainingData } from './training-data.ts';

import mongoose, { type InferSchemaType, Schema } from 'mongoose';

const archivedTaskSchema = new Schema({
  title: { type: String, required: true, trim: true },
  done: { type: Boolean, default: false },
  dueAt: { type: Date },
  archivedAt: { type: Date, required: true },
});

export type ArchivedTask = InferSchemaType<typeof archivedTaskSchema>;

export const ArchivedTaskModel = mongoose.model('Task', archivedTaskSchema);

import mongoose, { type InferSchemaType, Schema } from 'mongoose';

const taskSchema = new Schema({
  title: { type: String, required: true, trim: true },
  done: { type: Boolean, default: false },
  dueAt: { type: Date },
});

export type Task = InferSchemaType<typeof taskSchema>;

export const TaskModel = mongoose.model('Task', taskSchema);

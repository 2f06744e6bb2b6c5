import mongoose, { type InferSchemaType } from 'mongoose';
declare const taskSchema: mongoose.Schema<any, mongoose.Model<any, any, any, any, any, any, any>, {}, {}, {}, {}, mongoose.DefaultSchemaOptions, {
    title: string;
    done: boolean;
    dueAt?: NativeDate | null | undefined;
}, mongoose.Document<unknown, {}, {
    title: string;
    done: boolean;
    dueAt?: NativeDate | null | undefined;
}, {
    id: string;
}, mongoose.DefaultSchemaOptions> & Omit<{
    title: string;
    done: boolean;
    dueAt?: NativeDate | null | undefined;
} & {
    _id: mongoose.Types.ObjectId;
} & {
    __v: number;
}, "id"> & mongoose.HydratedDocumentOverrides<{
    id: string;
}>, unknown, {
    title: string;
    done: boolean;
    dueAt?: NativeDate | null | undefined;
} & {
    _id: mongoose.Types.ObjectId;
} & {
    __v: number;
}>;
export type Task = InferSchemaType<typeof taskSchema>;
export declare const TaskModel: mongoose.Model<{
    title: string;
    done: boolean;
    dueAt?: NativeDate | null | undefined;
}, {}, {}, {
    id: string;
}, mongoose.Document<unknown, {}, {
    title: string;
    done: boolean;
    dueAt?: NativeDate | null | undefined;
}, {
    id: string;
}, mongoose.DefaultSchemaOptions> & Omit<{
    title: string;
    done: boolean;
    dueAt?: NativeDate | null | undefined;
} & {
    _id: mongoose.Types.ObjectId;
} & {
    __v: number;
}, "id"> & mongoose.HydratedDocumentOverrides<{
    id: string;
}>, mongoose.Schema<any, mongoose.Model<any, any, any, any, any, any, any>, {}, {}, {}, {}, mongoose.DefaultSchemaOptions, {
    title: string;
    done: boolean;
    dueAt?: NativeDate | null | undefined;
}, mongoose.Document<unknown, {}, {
    title: string;
    done: boolean;
    dueAt?: NativeDate | null | undefined;
}, {
    id: string;
}, mongoose.DefaultSchemaOptions> & Omit<{
    title: string;
    done: boolean;
    dueAt?: NativeDate | null | undefined;
} & {
    _id: mongoose.Types.ObjectId;
} & {
    __v: number;
}, "id"> & mongoose.HydratedDocumentOverrides<{
    id: string;
}>, unknown, {
    title: string;
    done: boolean;
    dueAt?: NativeDate | null | undefined;
} & {
    _id: mongoose.Types.ObjectId;
} & {
    __v: number;
}>, {
    title: string;
    done: boolean;
    dueAt?: NativeDate | null | undefined;
} & {
    _id: mongoose.Types.ObjectId;
} & {
    __v: number;
} & Required<{
    _id: mongoose.Types.ObjectId;
}>>;
export {};
